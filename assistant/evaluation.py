"""The questions in eval/ → metrics per split, measured through the same `Assistant` users call.

Two knowledge bases: the shipped one (`knowledge/`), and a multi-document one (the shipped documents plus the
test-only fixtures in `eval/fixtures/multi/`: another year, another province, a policy text, a press report),
built into `<index dir>-eval-multi`. Each question says which it runs against (`kb`), and which split it is in:
**dev** is tuned on; **test** is only reported, and CI's bars are on it.

An answer is right when it holds every `must_contain` string, none of the `forbid` strings and no wrong figure
(for a question that must be refused: when it is refused, or quotes nothing of the knowledge base as the reply to
thanks does, and prints no forbidden figure). A **wrong figure** — a
forbidden number printed, or a figure answer whose lead gives a number other than the expected one — is counted
apart from a **miss** (refused, or the expected figure absent with no other given), and is never right.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .core import Assistant
from .settings import Settings

SPLITS = ("dev", "test")
FIXTURES = Path("fixtures") / "multi"
# The product's bars on the test split (issue 9); the gap bar compares the two splits. Reported on every run.
BARS = {
    "answer_accuracy": 0.95, "refusal_precision": 0.95, "refusal_recall": 0.95, "follow_up_accuracy": 0.95,
    "multidoc_accuracy": 0.95, "recall@1": 0.92, "recall@5": 0.98, "numeric_faithfulness": 1.0,
}
ZERO_BARS = ("wrong_figures", "multidoc_wrong_figures")
MAX_SPLIT_GAP = 0.03
# What CI enforces on the test split until the bars are met: the levels measured when the eval was last
# changed (rounded down), so that no change makes the product worse unnoticed. Raise them as it improves.
# Follow-ups went down from 0.84 once, knowingly: the workers' phrase glossary (knowledge/_colloquial.txt) cost
# one test turn (0.848 → 0.831) while answering three more test questions (net); which turn was not looked at.
# (Back at 0.848 since the south-western reading and the follow-up rules of the next round.)
# The CI machine changed between two rounds (AVX-512 now): the same commit measured test multidoc 0.896 and
# recall@1 0.889 there against 0.902 and 0.892 before (floating-point differences move borderline scores). The
# floors below are this machine's measurements after the round that followed, rounded down.
# The round after that added 75 test questions never looked at (eval/fresh4.jsonl's even half): the test split it
# measures is harder (accuracy 0.877 with them, 0.894 without), and the floors are its measurements, rounded down.
# The next added eval/fresh5*.jsonl's and eval/fresh6*.jsonl's even halves (160 questions, 40 conversations, never
# looked at) and counted an answer with a wrong figure as never right; the floors are again the measurements,
# rounded down. (fresh6's conversations are harder: follow-ups 0.879 → 0.843, refusal recall 0.958 → 0.923, and
# its even half brought two wrong figures of its own.)
# The next added eval/fresh7*.jsonl's and eval/fresh8*.jsonl's even halves (160 questions, 40 conversations, never
# looked at); the floors are again the measurements, rounded down. They are harder still: with them the test split
# has 10 wrong figures (4 before), 8 of another document, and refusal recall 0.90 (0.93), follow-ups 0.84 (0.86).
# Refusal precision then went down from 0.75 once, knowingly: a share no longer answers a count ("发展了多少党员" is
# not 占…73.6%), which took one wrong figure off the test split (10 → 9) and refused one test question it had
# answered right (0.752 → 0.746); which question was not looked at.
# The next added eval/fresh9*, fresh10* and fresh11*.jsonl (three more sets by helpers who never saw the code; the
# first two's odd halves studied, fresh11 never looked at): their even halves (200 questions, 55 conversations) are
# test. The floors are again the measurements, rounded down. They bring 9 wrong figures of their own (the test split
# has 17, 8 without them), 4 of them on questions naming no year or region. (16 since 各级 is no "each".)
# Then eval/fresh13*.jsonl joined (probe S, written at the start of a round by a helper who never saw the code; its
# odd half studied): its even half brings one wrong figure of another document (the test split 15, 11 of another
# document); the ceilings are those counts. At that round's end the floors are again the measurements, rounded down
# (accuracy 0.906, refusal precision 0.782, recall 0.924, multi-document 0.890).
# Then eval/fresh14*.jsonl joined (probe T, likewise written by a helper who never saw the code, at the start of the
# next round; its odd half studied): its even half brings one wrong figure of its own (the test split 16, 11 of another
# document); the ceiling is that count. At that round's end the floors are again the measurements, rounded down
# (accuracy 0.913, recall@1 0.937).
# Then eval/fresh15*.jsonl joined (probe U, likewise written by a helper who never saw the code, at the start of the
# next round; its odd half studied): its even half brings two wrong figures of another document, in its
# conversations (the test split 18, 13 of another document); the ceilings are those counts.
# Then eval/fresh16*.jsonl and eval/fresh17*.jsonl joined (probes V and W, likewise written by two helpers who never
# saw the code, at the start of the next round; their odd halves studied): their even halves bring three wrong
# figures, two of another document (the test split 21, 15 of another document); the ceilings are those counts. At
# that round's end the refusal-precision floor is its measurement, rounded down (0.80).
# Then eval/fresh18*.jsonl joined (probe X, likewise written by a helper who never saw the code, at the start of the
# next round; its odd half studied): its even half brings five wrong figures, four of another document (the test
# split 26, 19 of another document); the ceilings are those counts.
# Then eval/fresh19*.jsonl joined (probe Y, written in the same round by another helper who never saw the code, asked
# for questions that can be answered, in everyday words; its odd half studied): its even half brings three wrong
# figures (the test split 27, 20 of another document) and more refused answers (refusal precision 0.798): the
# ceilings are those counts, the refusal-precision floor that measurement, rounded down. At that round's end the
# ceilings are the counts measured then (26 wrong figures, 19 of another document).
# Then eval/fresh20*.jsonl and eval/fresh21*.jsonl joined (probes Z1, staff asking figures across documents, and Z2,
# workers in their own words; written by two helpers who never saw the code, at the start of the next round; their
# odd halves studied). Z1's writer was told to take today as 2023, which the product does not (去年 is last year by
# the calendar): its six questions asking 去年/前年 a figure were made questions to refuse (no document is of 2025 or
# 2024), forbidding the figure they had expected, before anything was run on their even half. Their even halves bring
# five wrong figures (the test split 31, 24 of another document) and lower refusal recall (0.919): the ceilings are
# those counts, the refusal-recall floor that measurement, rounded down. At that round's end the floors are its
# measurements, rounded down (accuracy 0.924, refusal precision 0.822, recall 0.923, multi-document 0.904), and the
# ceilings its counts (30 wrong figures, 23 of another document).
# Then eval/fresh22*.jsonl and eval/fresh23*.jsonl joined (probes Z3, robustness forms and long chats, and Z4, staff
# preparing a report across documents; two helpers who never saw the code, told today's date; odd halves studied).
# Their even halves bring five wrong figures (the test split 35, 26 of another document) and lower refusal recall
# (0.918): the ceilings are those counts, the refusal-recall floor that measurement, rounded down.
# Then eval/fresh24*.jsonl and eval/fresh25*.jsonl joined (probes Z5, workers asking about their rights in their own
# words, and Z6, workers asking about training and careers; two helpers who never saw the code, told today's date;
# odd halves studied). Their even halves bring four wrong figures (the test split 39, 30 of another document), lower
# refusal recall (0.898) and recall@5 (0.9696): the ceilings are those counts, the floors those measurements, rounded
# down. At that round's end the ceilings are its counts (37 wrong figures, 29 of another document).
# Then eval/fresh26*.jsonl and eval/fresh27*.jsonl joined (probes Z7, staff checking figures across documents, some
# quoting a wrong one, and Z8, workers typing by voice on a phone; two helpers who never saw the code, told today's
# date; odd halves studied). Their even halves bring two wrong figures of another document (the test split 39, 31 of
# another document) and lower multi-document accuracy (0.8999): the ceilings are those counts, the floor that
# measurement, rounded down. At that round's end the floors are its measurements, rounded down (refusal precision
# 0.842, recall 0.902, multi-document 0.904).
# Then eval/fresh28*.jsonl and eval/fresh29*.jsonl joined (probes Z9, managers and researchers who summarise and
# compare documents, and Z10, long chats on a phone, mostly dialogues; two helpers who never saw the code, told
# today's date; odd halves studied). Their even halves bring six wrong figures (the test split 45, 33 of another
# document), lower refusal recall (0.8875) and follow-up accuracy (0.8594): the ceilings are those counts, the floors
# those measurements, rounded down.
# Then eval/fresh30*.jsonl and eval/fresh31*.jsonl joined (probes Z11, staff who need the right document's figure,
# naming years and provinces in new ways, and Z12, pairs of answerable questions and near-misses that must be
# refused; two helpers who never saw the code, told today's date; odd halves studied). Their even halves bring seven
# wrong figures (the test split 52, 39 of another document): the ceilings are those counts.
# Then, in the same round, eval/fresh32*.jsonl and eval/fresh33*.jsonl joined (probes Z13, workers describing what
# they mean in their own words, and Z14, follow-ups that switch year, province or topic and come back; two helpers
# who never saw the code, told today's date; odd halves studied), measured on that round's code of then (4318780).
# Their even halves bring eleven wrong figures (the test split 60, 42 of another document). At that round's end the
# ceilings are its counts (59 wrong figures, 41 of another document).
# Then eval/fresh34*.jsonl and eval/fresh35*.jsonl joined (probes Z15, union and HR cadres asking what the policy
# texts say, and Z16, figures asked in new shapes: confirmed, bounded, compared, in Chinese numerals; two helpers who
# never saw the code, told today's date; odd halves studied). Measured on that round's starting code (85fdf14) on
# this machine, where the eval without them already gave 60 wrong figures, 42 of another document (floating-point
# differences of the machine: 59 and 41 before). With their even halves the test split has 70 wrong figures, 45 of
# another document, and multi-document accuracy 0.8983: the ceilings are those counts, the floor that measurement,
# rounded down.
# Then eval/fresh36*.jsonl and eval/fresh37*.jsonl joined (probes Z17, workers who describe a thing instead of naming
# it, and Z18, what a worker can do and whom to ask; two helpers who never saw the code, told today's date; odd
# halves studied), measured on that round's starting code (c18ebae). Their even halves bring six wrong figures (the
# test split 76, 48 of another document) and answer accuracy 0.9191: the ceilings are those counts, the floor that
# measurement, rounded down. At that round's end (781336e) the ceilings are its counts (72 wrong figures, 45 of
# another document) and the floors its measurements, rounded down (accuracy 0.9216, refusal precision 0.8562, recall
# 0.8926).
# Then eval/fresh38*.jsonl and eval/fresh39*.jsonl joined (probes Z19, questions typed by voice and in a hurry, and
# Z20, staff checking which document and year a figure comes from; two helpers who never saw the code, told today's
# date; odd halves studied), measured on that round's starting code (4d0efe2). Their even halves bring eleven wrong
# figures (the test split 83, 56 of another document), answer accuracy 0.9168 and refusal recall 0.8894: the ceilings
# are those counts, the floors those measurements, rounded down. At that round's end (1189273) the ceilings are its
# counts (79 wrong figures, 55 of another document) and the floors its measurements, rounded down (refusal recall
# 0.8919).
# Then eval/fresh40*.jsonl and eval/fresh41*.jsonl joined (probes Z21, English, mixed-language and pinyin questions,
# and Z22, questions carrying a wrong premise; two helpers who never saw the code, told today's date; odd halves
# studied), measured on that round's starting code (b29f14d). Their even halves bring nine wrong figures (the test
# split 88, 63 of another document), refusal recall 0.8809, multi-document accuracy 0.8886 and recall@1 0.9278: the
# ceilings are those counts, the floors those measurements, rounded down. At that round's end (e586b7a) the ceilings
# are its counts (87 wrong figures, 62 of another document); its floors are unchanged (refusal recall 0.8833,
# multi-document accuracy 0.8893, recall@1 0.9278, rounded down).
# The next round added no questions. At its end the ceilings are its counts (85 wrong figures, 60 of another
# document); the floors are unchanged (its measurements, rounded down, are the same).
# Then eval/fresh42*.jsonl and eval/fresh43*.jsonl joined (probes Z23, search-box keyword strings, very short
# questions and two questions in one message, and Z24, groups of workers asking what the reform offers them; two
# helpers who never saw the code, told today's date; odd halves studied), measured on that round's code of then
# (the starting code with three small fixes, 84 wrong figures and 59 of another document without them). Their even
# halves bring two wrong figures (the test split 87, 62 of another document): the ceilings are those counts. At that
# round's end the ceilings are its counts (86 wrong figures, 61 of another document); the floors are unchanged (its
# measurements, rounded down, are the same).
# Then eval/fresh44*.jsonl and eval/fresh45*.jsonl joined (probes Z25, time and plan questions: how often, how long,
# by when, when issued or held, targets against what was done; and Z26, questions relayed for someone else or wrapped
# in courtesies, context and figures heard; two helpers who never saw the code, told today's date; odd halves
# studied), measured on that round's code of then (the round's first fixes in, 83 wrong figures and 58 of another
# document without them). Their even halves bring two wrong figures, none of another document (the test split 85,
# 58 of another document). At that round's end the ceilings are its counts (85 wrong figures, 58 of another document)
# and the follow-up floor its measurement, rounded down (0.8629); multi-document accuracy stays at 0.88, its
# measurement (0.8901) being one question above 0.89.
# Then eval/fresh46*.jsonl and eval/fresh47*.jsonl joined (probes Z27, which ones and who: names, bodies, rankings
# and lists behind a count; and Z28, managing a chat after its first answer: corrections, sources, "还有呢", thanks,
# changes of topic; two helpers who never saw the code, told today's date; odd halves studied), measured on that
# round's code of then (its first fixes in). Their even halves bring three wrong figures (the test split 89, 62 of
# another document) and lower the follow-ups to 0.8593. At that round's end the ceilings are its counts (86 wrong
# figures, 61 of another document) and the follow-up floor its measurement, rounded down (0.8599).
# Then four sets joined in one round: eval/fresh48*.jsonl and eval/fresh49*.jsonl (probes Z29, numbers in every form,
# shares, comparisons and sums; and Z30, the documents themselves and a policy's rules for a worker), then
# eval/fresh50*.jsonl and eval/fresh51*.jsonl (probes Z31, English and mixed questions; and Z32, voice input), each
# pair by two helpers who never saw the code, told today's date, odd halves studied, measured before their study.
# At that round's end their even halves hold 8 of the test split's 88 wrong figures (4 of its 59 of another
# document); the rest of the test split, the eval of the round before, went from 86 to 80 (61 to 55). The ceilings
# are the counts (88, 59); the floors are unchanged (its measurements, rounded down, are the same or higher).
# Then six sets joined in one round, in three pairs: eval/fresh52* … eval/fresh57* (probes Z33 to Z38: conversations
# switching documents, a worker's rights in their own situation, the edges of coverage, short messages mid-chat, an
# ordinary day of questions, the 贵州 policy in depth), each pair by two helpers who never saw the code, told today's
# date, measured when it joined, odd halves studied. At that round's end their even halves hold 2 of the test split's
# 86 wrong figures (2 of its 56 of another document); the rest, the eval of the round before, went from 88 to 84 (59
# to 54). The ceilings are the counts (86, 56); the floors are unchanged (its measurements, rounded down, are higher).
# Then four sets joined in one round, in two pairs: eval/fresh58* … eval/fresh61* (probes Z39 to Z42: yes/no questions
# and wrong premises, named things, how things are done, keyword queries), each pair by two helpers who never saw the
# code, told today's date, measured when it joined, odd halves studied. At that round's end their even halves hold 1
# of the test split's 87 wrong figures (1 of its 57 of another document), which it held when it joined; the rest, the
# eval of the round before, stayed at 86 (56). The ceilings are the counts (87, 57); the floors are unchanged (its
# measurements, rounded down, are the same or higher).
# Then eight sets joined in one round, in four pairs: eval/fresh62* … eval/fresh69* (probes Z43 to Z50: one figure of
# a sentence that holds several, WeCom chat messages, what a term means, exceptions and negation, a document named by
# its kind or issuer, a worker's family in hard times, comparisons, phone typing), each pair by two helpers who never
# saw the code, told today's date, measured when it joined, odd halves studied. At that round's end their even halves
# hold 13 of the test split's 100 wrong figures (13 of its 70 of another document; 15 when they joined); the rest, the
# eval of the round before, stayed at 87 (57). The ceilings are the counts (100, 70); the floors are unchanged (its
# measurements, rounded down, are the same or higher).
# Then eight more joined in one round, in four pairs: eval/fresh70* … eval/fresh77* (probes Z51 to Z58: when and how
# long, several asks in one message, checking the answer just given, named enterprises, the less-read documents,
# skills and grades, an enterprise's staff planning their work, relayed messages), made and measured the same way. At
# that round's end their even halves hold 9 of the test split's 104 wrong figures (8 of its 75 of another document;
# 9 when they joined); the rest, the eval of the round before, went from 100 (70) to 95 (67). The ceilings are the
# counts (104, 75); the floors are unchanged (its measurements, rounded down, are the same or higher).
# Then ten more joined in one round, in five pairs: eval/fresh78* … eval/fresh87* (probes Z59 to Z68: particular
# groups of workers, lists and items, the policy against the reports, half-remembered names and figures, the dialects
# of 云南 and 贵州, relative times, the 贵州 2022 report in depth, whether a thing exists, year on year, summaries),
# made and measured the same way. At that round's end their even halves hold 12 of the test split's 113 wrong figures
# (10 of its 82 of another document; 11 when they joined); the rest, the eval of the round before, went from 104 (75)
# to 101 (72). The ceilings are the counts (113, 82); the floors are unchanged (its measurements, rounded down, are
# the same or higher).
# Then eight more joined in one round, in four pairs: eval/fresh88* … eval/fresh95* (probes Z69 to Z76: money and who
# paid it, levels from national to enterprise, conversation repair, doubt and complaint, party-building, tables across
# documents, what is said after a list, union and HR staff on the policy's rules), made and measured the same way. At
# that round's end their even halves hold 23 of the test split's 135 wrong figures (18 of its 99 of another document;
# 22 when they joined); the rest, the eval of the round before, went from 113 (82) to 112 (81). The ceilings are the
# counts (135, 99); the floors are unchanged (test accuracy 0.9122, multi-document 0.8845: still above them).
# Then two more joined at the next round's start: eval/fresh96* and eval/fresh97* (probes Z77, checking a number one has
# heard, and Z78, innovation work), made and measured the same way. At that round's end their even halves hold 1 of
# the test split's 135 wrong figures (0 of its 98 of another document; 1 when they joined); the rest went from 135 (99)
# to 134 (98). The ceilings are the counts (135, 98); the floors are unchanged (test accuracy 0.9134, multi-document
# 0.8864).
# Then two more joined at the next round's start: eval/fresh98* and eval/fresh99* (probes Z79, labour competitions,
# skill contests and 师带徒, and Z80, the 云南 2021 report in depth against 2022), made and measured the same way. At
# that round's end their even halves hold none of the test split's 132 wrong figures (none when they joined); the rest
# went from 135 (98) to 132 (96). The ceilings are the counts (132, 96); the floors are unchanged (test accuracy
# 0.914, multi-document 0.8876).
# Then eight more joined in one round, in four pairs, each pair measured on the round's code of when it joined
# (df2cafd, 4a165eb, d7a53bc, b560c22): eval/fresh100* … eval/fresh107* (probes Z81 to Z88: the 贵州 policy asked by
# staff in a hurry, a long chat with short turns, the same questions typed badly, party building and honours, what the
# knowledge base holds, help for workers in difficulty, innovation at work, a comparison table built cell by cell). At
# that round's end their even halves hold 9 of the test split's 141 wrong figures (10 when they joined; on their
# studied halves most such are sums and differences across documents, which the answer lists document by document
# where their writers expected a refusal); the rest, the eval of the round before, stayed at 132 (96). The ceilings
# are the counts (141, 103); the floors are unchanged (test accuracy 0.9163, multi-document 0.8909).
# Then eight more joined in the next round, in four pairs, each measured on the code of when it joined (f9c4e0b for
# the first three pairs, fb97775 for the last): eval/fresh108* … eval/fresh115* (probes Z89 to Z96: a newly elected
# 职工代表, questions with a premise, moving up in skills and titles, messages typed in a hurry, which document and as
# of when, meetings and people, family members asking, numbers said in words). At that round's end their even halves
# hold 11 of the test split's 148 wrong figures (13 when they joined; five of them fresh115's, numbers said in words);
# the rest, the eval of the round before, went from 141 (103) to 137 (98). The ceilings are the counts (148, 105);
# the floors are unchanged (test accuracy 0.9182, multi-document 0.8944).
# Then ten more joined in the next round, in five pairs, each measured on the code of when it joined (bb1ed53,
# e19d2ab, 13aa98e, 6e996c9; the second pair on bb1ed53's code too): eval/fresh116* … eval/fresh125* (probes Z97 to
# Z106: long rambling messages, chats that wander, a manager reading the rules, corrections while typing, a new hire's
# what-is questions, messages as the enterprise WeChat delivers them, a number seen, senior workers, yes-or-no
# questions, how-to questions). At that round's end their even halves hold 12 of the test split's 151 wrong figures
# (13 when they joined; four of them fresh119's, corrections); the rest, the eval of the round before, went from 148
# (105) to 139 (96). The ceilings are the counts (151, 104); the floors are unchanged (test accuracy 0.9196,
# multi-document 0.897).
# Then four more, in two pairs, each measured on the code of when it joined (f8b6f5d, 27a5bf7): eval/fresh126* …
# eval/fresh129* (probes Z107 to Z110: 云南话 and 贵州话 as workers type them, lists of which ones, exact wording and
# where it is written, whom the documents cover). Their even halves hold 3 of the test split's 151 wrong figures (3
# when they joined); the rest, the eval of the round before, went from 151 (104) to 148 (103). The ceilings stay at
# the counts (151, 104); the floors are unchanged (test accuracy 0.9203, multi-document 0.898).
# Then eleven more, each measured on the code of when it joined (d5e1236 for the first four, then 8a41170, 51cee23,
# 3a72a56, 77a9847): eval/fresh130* … eval/fresh139* and eval/fresh141* (probes Z111 to Z120 and Z122: when and how
# often, who is in charge, the detail the documents leave out, a union's quiz, which is more, short forms and
# nicknames, voice input, explain it briefly, qualifiers as written, two questions in one message, targets against
# what was done; fresh140, Z121, was not joined: its writer's search also matched the word lists). Their even halves
# hold 11 of the test split's 156 wrong figures (12 when they joined; six of them fresh132's, the detail left out);
# the rest, the eval of the round before, went from 151 (104) to 145 (99). The ceilings are the counts (156, 105);
# the floors are unchanged (test accuracy 0.9201, multi-document 0.8983, refusal recall 0.8993).
# Then seven more, each measured on the code of when it joined (39ecc1f for the first four, 804d4d8 for the last three):
# eval/fresh142* … eval/fresh148* (probes Z123 to Z129: care through the seasons, shares and rates, whom it is for,
# checking and challenging an answer, what a follow-up points back at, typed on any keyboard, the 贵州 policy article by
# article). Their even halves hold 6 of the test split's 161 wrong figures (8 when they joined); the rest, the eval of
# the round before, went from 156 (105) to 155 (104). The ceilings are the counts (161, 106); the floors are unchanged
# (test accuracy 0.9214, multi-document 0.9003, refusal recall 0.9).
# Then seven more, each measured on the code of when it joined (f75a148 for the first four, 69736c8 for the last
# three): eval/fresh149* … eval/fresh155* (probes Z130 to Z136: the union chairman's meeting notes, the reporter's
# comparison of provinces and years, the long message, the search box, a chat that changes topic, numbers said roughly
# in words, the documents themselves). Their even halves hold 10 of the test split's 171 wrong figures (10 when they
# joined; 9 of the 115 of another document); the rest, the eval of the round before, stayed at 161 (106). The ceilings
# are the counts (171, 115); the floors are unchanged (test accuracy 0.922, multi-document 0.8998, refusal recall
# 0.901).
# Then eight more, each measured on the code of when it joined (3a29670 for the first six, 8b85083 for the last two,
# which were not studied): eval/fresh156* … eval/fresh163* (probes Z137 to Z144: the team leader's study session, a
# premise from the wrong document, money, what changed, why and what for, which is the most, yes and how many, the
# wrong name). Their even halves hold 13 of the test split's 184 wrong figures (13 when they joined; 9 of the 124 of
# another document); the rest, the eval of the round before, stayed at 171 (115). The ceilings are the counts (184,
# 124); the floors are unchanged (test accuracy 0.9221, multi-document 0.899, refusal recall 0.9006).
# Then six more, each measured on the code of when it joined (47c9dca for the first four, cb3901f for the last two,
# which were not studied): eval/fresh164* … eval/fresh169* (probes Z145 to Z150: negations and exceptions, skills and
# titles, the edges of what is covered, the newsletter editor checking figures, women workers and families, having a
# say at work). Their even halves hold 5 of the test split's 184 wrong figures (5 when they joined; 4 of the 125 of
# another document); the rest, the eval of the round before, went from 184 (124) to 179 (121), two of them by the
# judge reading an evidence written across "。" as two sentences. The ceilings are the counts (184, 125); the floors
# are unchanged (test accuracy 0.9228, multi-document 0.9002, refusal recall 0.9005).
# Then six more, each measured on the round start's code (7c8e24f) when it joined: eval/fresh170* … eval/fresh175*
# (probes Z151 to Z156: typed by voice, the year-on-year slide, contract and migrant workers, the documents
# themselves, competitions and craftsmen, a chat that changes subject). Their even halves hold 4 of the test split's
# 188 wrong figures (3 when they joined; 3 of the 128 of another document, 2 when they joined: a "那贵州呢" read over
# the count asked two turns back, refused before, now gives a figure the question forbids); the rest, the eval of the
# round before, stayed at 184 (125). The ceilings are the counts (188, 128); the floors are unchanged (test accuracy
# 0.9247, multi-document 0.9016, refusal recall 0.901).
# Then six more, each measured on 69312d0 when it joined: eval/fresh176* … eval/fresh181* (probes Z157 to Z162: a
# speech's several figures, dialect and the older worker, mixed scripts and forms, hardship help, party building, a
# number heard and checked). Their even halves brought 7 wrong figures (5 of another document) when they joined, and
# hold 7 still; the rest, the eval of the round before, went from 188 (128) to 186 (127). The ceilings are the counts
# (193, 132); the floors are unchanged (test accuracy 0.9258, multi-document 0.9034, refusal recall 0.9029).
# Then six more, each measured on 5060d73 when it joined: eval/fresh182* … eval/fresh187* (probes Z163 to Z168: a new
# hire's first month, comparing provinces and years, venting before asking, the manager preparing an inspection,
# search-box keywords, changing one thing at a time). Their even halves brought 7 wrong figures (7 of another
# document) when they joined, and hold 7 still; the rest, the eval of the round before, stayed at 193 (132). The
# ceilings are the counts (200, 139); the floors are unchanged (test accuracy 0.9266, multi-document 0.9049, refusal
# recall 0.9036).
FLOORS = {
    "answer_accuracy": 0.91, "refusal_precision": 0.85, "refusal_recall": 0.88, "follow_up_accuracy": 0.85,
    "multidoc_accuracy": 0.88, "recall@1": 0.92, "recall@5": 0.96, "numeric_faithfulness": 1.0,
}
CEILINGS = {"wrong_figures": 200, "multidoc_wrong_figures": 139}


@dataclass
class Outcome:
    id: str
    split: str
    kb: str
    tags: list[str]
    question: str
    answer: str
    refused: bool
    expect_refusal: bool
    right: bool
    wrong_figure: bool
    faithful: bool
    turn: int = 0  # 0 for a single question; 1, 2… for a dialogue's turns
    rank: int | None = None  # where the evidence ranked in search (None: not in the top 5)
    has_evidence: bool = False


@dataclass
class EvalReport:
    metrics: dict = field(default_factory=dict)  # split → metric → value
    failures: list = field(default_factory=list)

    def below_floors(self, split: str = "test") -> dict:
        m = self.metrics.get(split, {})
        below = {k: (m.get(k, 0.0), floor) for k, floor in FLOORS.items() if m.get(k, 0.0) < floor}
        return below | {k: (m.get(k, 0), most) for k, most in CEILINGS.items() if m.get(k, 0) > most}

    def below_bars(self, split: str = "test") -> dict:
        m = self.metrics.get(split, {})
        below = {k: (m.get(k, 0.0), bar) for k, bar in BARS.items() if m.get(k, 0.0) < bar}
        below |= {k: (m.get(k, 0), 0) for k in ZERO_BARS if m.get(k, 0) > 0}
        dev, test = self.metrics.get("dev", {}), self.metrics.get("test", {})
        if dev and test and abs(dev.get("answer_accuracy", 0) - test.get("answer_accuracy", 0)) > MAX_SPLIT_GAP:
            below["dev_test_gap"] = (round(abs(dev["answer_accuracy"] - test["answer_accuracy"]), 4), MAX_SPLIT_GAP)
        return below


def read_items(eval_dir: Path) -> tuple[list[dict], list[dict]]:
    """Single questions and dialogues from every *.jsonl of eval/ (older files without split/kb are dev, shipped)."""
    singles, dialogues = [], []
    for path in sorted(Path(eval_dir).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = {"split": "dev", "kb": "shipped", "tags": []} | json.loads(line)
            (dialogues if "turns" in item else singles).append(item)
    return singles, dialogues


def multi_settings(settings: Settings, eval_dir: Path) -> Settings:
    """The multi-document knowledge base: the shipped documents and the fixtures, in a folder of its own."""
    folder = Path(f"{settings.index_dir}-eval-multi")
    knowledge = folder / "knowledge"
    wanted = {p.name: p for p in Path(settings.knowledge_dir).iterdir() if p.is_file()}
    wanted |= {p.name: p for p in (Path(eval_dir) / FIXTURES).iterdir() if p.is_file()}
    knowledge.mkdir(parents=True, exist_ok=True)
    for name in {p.name for p in knowledge.iterdir()} - wanted.keys():
        (knowledge / name).unlink()
    for name, path in wanted.items():
        target = knowledge / name
        if not target.is_file() or target.read_bytes() != path.read_bytes():
            shutil.copyfile(path, target)
    return replace(settings, knowledge_dir=knowledge, index_dir=folder / "index")


def evaluate(assistant: Assistant, eval_dir: Path, splits: tuple[str, ...] = SPLITS, workers: int = 1) -> EvalReport:
    """Every question of `splits`, on its knowledge base. `workers` > 1 shares the questions among forked copies
    of this process (each question or dialogue wholly in one): the same outcomes, in the same order."""
    singles, dialogues = read_items(eval_dir)
    needs_multi = any(i["kb"] == "multi" and i["split"] in splits for i in singles + dialogues)
    assistants = {"shipped": assistant}
    if needs_multi:
        multi = Assistant(multi_settings(assistant.settings, eval_dir), embedder=assistant.embedder)
        multi.build_index()
        assistants["multi"] = multi
    started = time.perf_counter()
    units = [item for item in singles + dialogues if item["split"] in splits]
    outcomes = _asked(assistants, units, workers)
    report = EvalReport()
    for split in splits:
        report.metrics[split] = _metrics([o for o in outcomes if o.split == split])
    report.metrics["seconds"] = round(time.perf_counter() - started, 2)
    report.failures = [_failure(o) for o in outcomes if not o.right or (o.has_evidence and o.rank != 1)]
    return report


_SHARED: tuple[dict, list[dict], int] | None = None  # what forked workers read: (assistants, units, workers)


def _asked(assistants: dict[str, Assistant], units: list[dict], workers: int) -> list[Outcome]:
    """Each unit (a single question with its context, or a dialogue) asked; with workers, in forked processes
    that inherit the loaded indexes (nothing is rebuilt or pickled but the outcomes)."""
    global _SHARED
    workers = max(1, min(workers, len(units)))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [o for unit in units for o in _unit(assistants, unit)]
    _SHARED = (assistants, units, workers)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shares = pool.map(_worker_part, range(workers))
    finally:
        _SHARED = None
    by_unit = {n: outcomes for share in shares for n, outcomes in share}
    return [o for n in range(len(units)) for o in by_unit[n]]


def _worker_part(worker: int) -> list[tuple[int, list[Outcome]]]:
    assistants, units, workers = _SHARED
    return [(n, _unit(assistants, units[n])) for n in range(worker, len(units), workers)]


def _unit(assistants: dict[str, Assistant], unit: dict) -> list[Outcome]:
    assistant = assistants[unit["kb"]]
    return _dialogue(assistant, unit) if "turns" in unit else [_single(assistant, unit)]


def _single(assistant: Assistant, item: dict) -> Outcome:
    history: list[dict] = []
    for earlier in item.get("context", []):
        answer = assistant.ask(earlier, history)
        history += [{"role": "user", "content": earlier}, {"role": "assistant", "content": answer.answer}]
    return _judge(assistant, item, item, history, 0, item.get("tags", []))


def _dialogue(assistant: Assistant, dialogue: dict) -> list[Outcome]:
    history: list[dict] = []
    outcomes = []
    for n, turn in enumerate(dialogue["turns"], 1):
        outcome = _judge(assistant, dialogue, turn, history, n, dialogue.get("tags", []) + turn.get("tags", []))
        outcomes.append(outcome)
        history += [{"role": "user", "content": turn["question"]}, {"role": "assistant", "content": outcome.answer}]
    return outcomes


def _judge(assistant: Assistant, item: dict, turn: dict, history: list[dict], turn_no: int, tags: list[str]) -> Outcome:
    question = turn["question"]
    answer = assistant.ask(question, history)
    expect_refusal = bool(turn.get("refuse"))
    text = answer.answer
    must = turn.get("must_contain", [])
    # A forbidden figure counts wherever the answer gives it, except inside a quoted sentence that answers: the
    # sentence holding 职工董事617名 also holds 职工监事671名, and quoting it whole is by design.
    outside = _without_answering_quotes(answer, turn)
    forbidden = [f for f in turn.get("forbid", []) if _contains(outside, f)]
    wrong = any(re.search(r"\d", f) for f in forbidden) or _wrong_lead(answer, turn, must)
    # (An answer that gives a wrong figure is not right, whatever else it holds.) A reply that quotes nothing of the
    # knowledge base states nothing of it: "不客气" to thanks declines as a refusal does, though it is no miss to log.
    declined = answer.refused or not (answer.sources or answer.figures)
    if expect_refusal:
        right = declined and not forbidden and not wrong
    else:
        right = not declined and all(_contains(text, m) for m in must) and not forbidden and not wrong
    rank = None
    if turn.get("evidence") and not expect_refusal:
        hits = assistant.search(question, top_k=5, history=history)
        # Any of the sentences that answer counts (a question every document answers lists the others in `also`).
        wanted = [(turn["evidence"], turn.get("doc"))] + [(a["evidence"], a.get("doc")) for a in turn.get("also", [])]
        rank = next((n for n, h in enumerate(hits, 1)
                     if any(_holds_evidence(h.chunk.text, e) and (not d or h.chunk.doc.id == d) for e, d in wanted)), None)
    faithful = not assistant.unchecked(answer, question)
    return Outcome(id=item["id"] + (f"#{turn_no}" if turn_no else ""), split=item["split"], kb=item["kb"], tags=tags,
                   question=question, answer=text, refused=declined, expect_refusal=expect_refusal, right=right,
                   wrong_figure=wrong, faithful=faithful, turn=turn_no, rank=rank,
                   has_evidence=bool(turn.get("evidence") and not expect_refusal))


def _without_answering_quotes(answer, turn: dict) -> str:
    """The answer's text without the cited sentences that hold the question's expected evidence."""
    wanted = [e for e in [turn.get("evidence", "")] + [a.get("evidence", "") for a in turn.get("also", [])] if e]
    text = answer.answer
    for source in answer.sources:
        # (an evidence written across "。" is two sentences to the index: the quote of either answers)
        if any(_shares_clause(source.text, e) for e in wanted):
            text = text.replace(source.text, "")
    return text


def _contains(text: str, needle: str) -> bool:
    """Substring match where a number must not be the tail of a longer one ("45人" is not in "145人")."""
    if not re.match(r"\d", needle):
        return needle in text
    return re.search(rf"(?<![\d.]){re.escape(needle)}", text) is not None


def _wrong_lead(answer, turn: dict, must: list[str]) -> bool:
    """A figure given as the answer (the answer's `figures`) that is not an expected one — or any, for a question
    that must be refused. Sentences quoted beside an answer are not figures given as the answer."""
    if answer.refused or not answer.figures:
        return False
    if turn.get("refuse"):
        return True
    expected = [m for m in must if re.search(r"\d", m)]
    if not expected:
        return False
    # (A figure of a sentence the question accepts from another document, `also`, is that document's answer: an
    # unqualified question is answered per document.)
    accepted = [(a.get("doc"), a.get("evidence", "")) for a in turn.get("also", []) if a.get("evidence")]
    if turn.get("kind") == "list":
        # (A list question asks every item: each figure of the sentence that answers it is one, not a neighbouring
        # row. "有哪些创新工作室，各有好多" is answered by all of 劳模创新工作室23个…职工创新工作室27个, though the
        # question records three of them; a forbidden one still counts. An evidence written across "；" is several
        # sentences to the index: each one's figures are the evidence's.)
        accepted.append((turn.get("doc"), turn.get("evidence", "")))
    return any(not any(_contains(f.text, e) or _contains(e, f.text) for e in expected)
               and not any((not doc or f.doc.id == doc) and evidence and _shares_clause(f.sentence, evidence)
                           for doc, evidence in accepted)
               for f in answer.figures)


def _metrics(outcomes: list[Outcome]) -> dict:
    singles = [o for o in outcomes if o.turn == 0]
    follow = [o for o in outcomes if o.turn >= 2]
    midchat = [o for o in outcomes if o.turn >= 2 and "midchat" in o.tags]
    multi = [o for o in outcomes if o.kb == "multi"]
    ranked = [o for o in outcomes if o.has_evidence]
    refused_tp = sum(o.refused and o.expect_refusal for o in outcomes)
    refused_fp = sum(o.refused and not o.expect_refusal for o in outcomes)
    refused_fn = sum(o.expect_refusal and not o.refused for o in outcomes)
    found = [o.rank for o in ranked if o.rank]
    m = {
        "questions": len(singles), "dialogue_turns": len(outcomes) - len(singles),
        "answer_accuracy": _share(sum(o.right for o in singles), len(singles)),
        "wrong_figures": sum(o.wrong_figure for o in outcomes),
        "misses": sum(not o.right and not o.wrong_figure for o in outcomes),
        "refusal_precision": _share(refused_tp, refused_tp + refused_fp),
        "refusal_recall": _share(refused_tp, refused_tp + refused_fn),
        "follow_up_accuracy": _share(sum(o.right for o in follow), len(follow)),
        "midchat_accuracy": _share(sum(o.right for o in midchat), len(midchat)),
        "multidoc_accuracy": _share(sum(o.right for o in multi), len(multi)),
        "multidoc_wrong_figures": sum(o.wrong_figure for o in multi),
        "recall@1": _share(sum(r == 1 for r in found), len(ranked)),
        "recall@5": _share(len(found), len(ranked)),
        "mrr": round(sum(1 / r for r in found) / max(1, len(ranked)), 4),
        "numeric_faithfulness": _share(sum(o.faithful for o in outcomes), len(outcomes)),
    }
    tags = sorted({t for o in singles for t in o.tags})
    m["by_tag"] = {t: _share(sum(o.right for o in singles if t in o.tags), sum(t in o.tags for o in singles)) for t in tags}
    return m


def _share(part: float, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def _shares_clause(sentence: str, evidence: str) -> bool:
    """Whether a figure's sentence is (part of) the evidence: it holds the evidence or one of its "；" or "。" clauses, or is
    one of them (the index splits a sentence at "；": "按照规定,…其中:2名…代表;" holds the evidence's first clause)."""
    return _holds_evidence(sentence, evidence) or any(
        len(part) >= 8 and part in sentence for part in re.split(r"[;；。]", evidence))


def _holds_evidence(chunk: str, evidence: str) -> bool:
    """Whether a chunk is the evidence: it holds the evidence, or is a clause of it (an evidence written across
    "；" spans two chunks: "建立工作汇报机制,…情况;建立研究会商机制")."""
    clause = chunk.strip().rstrip("。；;，,")
    return evidence in chunk or (len(clause) >= 8 and clause in evidence)


def _failure(o: Outcome) -> dict:
    why = "wrong figure" if o.wrong_figure else ("should refuse" if o.expect_refusal and not o.right else
                                                 "refused" if o.refused and not o.right else
                                                 "answer misses or forbidden" if not o.right else f"evidence at rank {o.rank}")
    failure = {"id": o.id, "split": o.split, "kb": o.kb, "why": why}
    # A test failure is reported by id only: its question and answer are not there to be read while tuning.
    return failure if o.split == "test" else failure | {"question": o.question, "answer": o.answer}


def write_report(report: EvalReport, path: Path) -> None:
    """Atomic write: a crash never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    payload = {"metrics": report.metrics, "bars": BARS, "zero_bars": ZERO_BARS, "below_bars": report.below_bars(),
               "floors": FLOORS, "ceilings": CEILINGS,
               "below_floors": report.below_floors() if "test" in report.metrics else {}, "failures": report.failures}
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)

