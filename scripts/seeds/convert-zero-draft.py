#!/usr/bin/env python3
"""Convert the OHCHR-annotated zero draft (seed 000) into Treatymark.

    python3 scripts/seeds/convert-zero-draft.py SEED            # write examples/zero-draft.treaty
    python3 scripts/seeds/convert-zero-draft.py SEED --check    # count what the written file holds
    python3 scripts/seeds/convert-zero-draft.py SEED --check FILE

SEED is the seed file 000_0673788773725194.txt (not in the repository), a Word document
printed with markup and converted to Markdown-ish text. This script:

  * drops the cover block (committee / session / annex title; kept as YAML
    comments in the front matter) and writes front matter;
  * separates the margin comments ("Commented [A12]: ...", plus the paragraphs
    that continue a comment, listed in COMMENT_CONTINUATIONS) and the footnote
    ("<sup>1</sup> ...") from the treaty text;
  * rejoins paragraphs split by page breaks or by a comment block (a paragraph
    that does not end in . ; : continues in the next text paragraph; a word
    ending in "-" is joined without a space) and hard line breaks inside a
    paragraph ("...;  \\nand");
  * normalises headings to "# Chapter I. Title" / "## Article 1. Title",
    strips list dashes and indentation, one blank line between units;
  * turns ~~deleted~~ into {--deleted--}, <sup>1</sup> into [^1]; the
    "[text](#)" link markup and **bold** of the conversion are dropped (their
    text is kept), several of them being the anchors of comments;
  * attaches every comment to the words it comments, from the manual table
    ANCHORS, as {==words==}{>>A12: comment<<} (or {>>...<<} right after a
    deletion), and puts "[^1]: ..." after the article that cites it.
The treaty's words are never changed: --check compares the word sequence of
the output with the seed's treaty text and prints any difference.
"""
import collections
import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / 'examples' / 'zero-draft.treaty'

FRONT_MATTER = '''---
# Source: seed 000_0673788773725194.txt, converted by scripts/seeds/convert-zero-draft.py
# "Ad Hoc Committee to Elaborate a Comprehensive International Convention on Countering the Use of
#  Information and Communications Technologies for Criminal Purposes. Sixth Session, 21 August -
#  1 September 2023. Annex to the Submission of the Office of the United Nations High Commissioner
#  for Human Rights, 22 August 2023: Annotations to the Zero Draft of the Convention"
# Negotiating text as in the seed: [alternative] [sets], {--proposed deletions--},
# OHCHR margin comments {==anchor==}{>>A1: ...<<} (labels A1-A74 as in the seed).
title: "Comprehensive International Convention on Countering the Use of Information and Communications Technologies for Criminal Purposes (zero draft, annotated by OHCHR)"
short-title: Convention
status: zero draft
---
'''

# Paragraphs that continue the margin comment above them (a comment's 2nd, 3rd ... paragraph).
# Matched on the start of the paragraph; each must be used exactly once.
COMMENT_CONTINUATIONS = [
    'The words “used to trace and identify”',             # A5
    'An improved and clearer alternative',                # A5
    'Traditionally “traffic data”',                       # A6
    'The reason for this is that in many jurisdictions',  # A8
    'Separately, it is unclear how laws feature here',    # A8
    '3. For the purposes of implementing this Convention, it shall not be necessary',  # A9 (quotes the CND)
    'One way to address the problem',                     # A12
    '"Otherwise engaging with" appears very vague',       # A15
    '"any representation, by whatever means',            # A19
    'Article 20 could be deleted altogether.',            # A29
    'As an alternative to the change to article 23(1)',   # A35
    'To address this issue, we recommend',                # A36
    'Moreover, we noticed that the draft',                # A38
    'See Basic Principles on the Role of Lawyers',        # A38
    '"Each State Party shall ensure that the establishment',  # A40 (proposed text)
    'The approach in the zero draft',                     # A47
    'We would recommend that 30(2) be the default',       # A50
    'It would be important to align this',                # A59
    'Otherwise, extradition could not be rejected',       # A59
    'We suggest the following language:',                 # A61
    '*"International cooperation and mutual legal assistance',  # A61 (proposed text)
]

# Where each comment is attached: (label, anchor, context, nth).
# `context` (default: the anchor) is searched in the converted text (after any earlier
# anchors were applied) and must be found; `nth` picks among several matches (default:
# exactly one match required). The anchor must occur once inside the context.
# An anchor starting with "{--" is a deletion: the comment is put right after it,
# without a highlight (CriticMarkup spans are not nested).
ANCHORS = [
    ('A1', 'may have a considerable impact on the scale, speed and scope of other criminal offences', None, None),
    ('A2', '*Stressing*', '{--Acknowledging--} *Stressing*', None),
    ('A3', 'interference with', '{--unlawful and arbitrary--} interference with', None),
    ('A4', 'collected by a service provider, excluding content data, related to', None, None),
    ('A5', 'including data which the network or its operators used to trace and identify the source and destination of a communication', None, None),
    ('A6', 'data on the location of the terminal equipment used in the context of providing communications services', None, None),
    # A7 "unclear what this provision means": the page holds art. 2 (e)(ii)-(n); (h) has A8.
    ('A7', 'Any other information on the site of the installation of communications equipment, available on the basis of the service agreement or arrangement', None, None),
    ('A8', 'punishable by a maximum deprivation of liberty of at least four years', '"Serious crime" shall mean conduct constituting an offence punishable by a maximum deprivation of liberty of at least four years', None),
    ('A9', 'Convention', 'provided for in the relevant articles of this Convention.', None),  # seed: [Convention](#)
    ('A10', 'Nothing in the present convention should be interpreted as impairing any obligations of the States Parties under international human rights law.', None, None),  # seed: [...](#)
    ('A11', 'States Parties shall ensure that the implementation of their obligations under this Convention is consistent with their obligations under international human rights law.', None, None),
    ('A12', 'intentionally', 'when committed intentionally, the access to the whole', None),
    ('A13', '{--The obtaining, production, sale, procurement for use, import, distribution or otherwise making available of:--}', None, None),
    ('A14', 'broadcasting, displaying, publishing', None, None),
    ('A15', 'Soliciting, procuring, accessing or otherwise engaging', None, None),
    ('A16', 'Possessing', '(c) Possessing or controlling', None),
    ('A17', 'controlling', 'or controlling child sexual abuse', None),
    ('A18', 'Financing, facilitating or profiting', None, None),
    ('A19', 'material that depicts or represents a child', 'shall include material that depicts or represents a child or a person', None),
    ('A20', 'or a person appearing to be a child', 'or a person appearing to be a child:', None),
    ('A21', 'written material', 'live-streaming media, written material', None),
    ('A22', 'take steps to exclude the criminalization of children for self-generated material', None, None),
    ('A23', 'appropriate safeguards under domestic law to protect children who are accused of this offence', None, None),
    ('A24', 'communicating, soliciting, or making any arrangement with a child for sexual purposes', None, None),
    ('A25', 'the offering, selling, distributing, transmitting, publishing or otherwise making available of an intimate image of a person', None, None),
    ('A26', 'in accordance with fundamental principles', 'Each State Party shall adopt, in accordance with fundamental principles of its domestic law', None),  # seed: bold
    ('A27', 'offences established in accordance with applicable international conventions and protocols also apply', None, None),
    ('A28', 'the preparation for an offence', None, None),
    ('A29', 'a long statute of limitations period', None, None),
    ('A30', 'are exercised in order to maximize the effectiveness of law enforcement measures in respect of those offences', None, None),
    ('A31', 'including the right to a fair trial and the rights of effective defence', None, None),
    ('A32', 'guarantees of due process and fair trial', None, None),
    ('A33', 'The offence is committed against the State Party.', None, None),
    ('A34', 'for the purpose of criminal investigations or proceedings', 'provided for in this chapter for the purpose of criminal investigations or proceedings where', None),
    ('A35', 'where there are reasonable grounds to believe that a criminal offence is committed or about to be committed', None, None),
    ('A36', 'Other serious criminal offences committed by means of', None, None),
    ('A37', 'Does not employ public communications networks and is not connected with another', None, None),
    ('A38', 'which shall provide for the adequate protection of human rights', None, None),
    ('A39', 'as appropriate in view of the nature of the procedure or power concerned', None, None),
    ('A40', 'include judicial or other independent authorization and review, grounds justifying application, and limitation of the scope and the duration of such power or procedure', None, None),
    ('A41', 'To the extent that it is consistent with the public interest, in particular the proper administration of justice', '3. To the extent that it is consistent with the public interest, in particular the proper administration of justice', None),
    ('A42', 'to keep confidential the undertaking of such procedures for the period of time provided for in its domestic legislation', None, None),
    ('A43', 'was transmitted, subject to articles 23 and 24', None, None),  # seed: [...](#)
    ('A44', 'subject to articles 23 and 24.', "possession or control, subject to articles 23 and 24.", None),  # seed: [...](#)
    ('A45', 'to search or similarly access in the territory of that State Party', None, None),
    ('A46', 'Each State Party shall adopt such legislative and other measures', '4. Each State Party shall adopt such legislative and other measures as may be necessary to empower its competent authorities to order any person', None),  # seed: [...](#)
    ('A47', 'traffic data, in real time, associated with specified communications in its territory', None, None),
    ('A48', 'and only to the extent that such confidentiality needed in order not to put the investigation at peril', None, None),
    ('A49', 'The powers and procedures referred to in this article shall be subject to Articles 23 and 24.', None, 0),   # art. 29 (4)
    ('A50', 'Collect or record, through the application of technical means in the territory of that State Party', '(a) Collect or record, through the application of technical means in the territory of that State Party', 1),  # art. 30 (1)(a)
    ('A51', 'oblige a service provider to keep confidential the fact of the execution of any power provided for in this article and any information relating to it if and only to the extent it is necessary that such confidentiality is needed not to put the investigation at peril.', None, None),  # seed: bold
    ('A52', 'The powers and procedures referred to in this article shall be subject to Articles 23 and 24.', '4. The powers and procedures referred to in this article shall be subject to Articles 23 and 24.', 0),  # art. 30 (4), seed: bold
    ('A53', 'If proceeds of crime have been intermingled with property acquired from legitimate sources, such property shall, without prejudice to any powers relating to freezing or seizure, be liable to confiscation up to the assessed value of the intermingled proceeds.', None, None),  # seed: bold
    ('A54', 'may consider the possibility of requiring that an offender demonstrate the lawful origin of alleged proceeds of crime or other property liable to confiscation, to the extent that such a requirement is consistent with the principles of their domestic law and with the nature of the judicial and other proceedings', None, None),  # seed: bold (to "such a", then a page break)
    ('A55', 'including articles 23 and 24', 'provisions of this Convention, including articles 23 and 24,', None),  # seed: [...](#)
    ('A56', 'including those offences covered by article 17 of this Convention when applicable', 'serious crime, including those offences covered by article 17 of this Convention when applicable', 0),  # art. 35 (1), seed: [...](#)
    ('A57', 'that are not punishable under its own domestic law', None, None),
    ('A58', 'international legal obligations of the State Party in the territory of which that person is present, in line with article 21(4)', None, None),
    ('A59', "on account of that person's sex, race, language, religion, nationality, ethnic origin or political opinion on any prohibited ground of discrimination under international human rights law", None, None),
    ('A60', 'matters for which the cooperation or assistance sought is available under other provisions of this Convention', None, None),
    ('A61', 'Mutual legal assistance may be refused', '21. Mutual legal assistance may be refused:', None),
    ('A62', 'would be prohibited not be authorized by its domestic law', None, None),
    ('A63', 'at its discretion', 'May, at its discretion, provide', None),
    ('A64', 'Each State Party shall designate a point of contact available 24 hours a day, 7 days a week', None, None),
    ('A65', 'dual criminality shall not be required as a condition for providing such preservation', None, None),
    ('A66', 'may be refused on the basis of the grounds contained in article 40, paragraph 21', '5. A request for preservation may be refused on the basis of the grounds contained in article 40, paragraph 21', None),
    ('A67', 'may be refused on the basis of the grounds contained in article 40, paragraph 21', 'Disclosure of traffic data under paragraph 1 may be refused on the basis of the grounds contained in article 40, paragraph 21', None),
    ('A68', 'to search or similarly access, seize or similarly secure, and disclose data', 'upon judicial authorization, to search or similarly access, seize or similarly secure, and disclose data stored', None),
    ('A69', 'to the extent permitted under treaties applicable to them and under their domestic laws', None, None),
    ('A70', 'States Parties shall cooperate closely with one another', None, None),
    ('A71', 'exchange of information', '{--secure and rapid--} exchange of information', None),
    ('A72', 'as well as making efforts to guarantee the immediate removal of child sexual abuse and exploitation material', None, None),
    ('A73', 'multi-stakeholders and civil society organizations', None, None),
    ('A74', 'Subjects to its obligations under international human rights law.', None, None),
]

MARKER = re.compile(r'^(?:\d{1,3}\.|\((?:[a-z]{1,4}|\d{1,3})\))(?=\s)')
COMMENT_START = re.compile(r'^(?:\*\*)?Commented \[(A\d+)\]:(?:\*\*)?\s*(.*)$', re.S)
FOOTNOTE = re.compile(r'^<sup>(\d+)</sup>\s*(.*)$', re.S)
CHAPTER = re.compile(r'^#*\s*\*?Chapter ([IVXLC]+)\.?\s*(.*?)\*?$')
ARTICLE = re.compile(r'^#*\s*\*?Article (\d+)\.\s*(.*?)\*?$')
BARE_HEADING = re.compile(r'^#+\s*\*?(.*?)\*?$')


def blocks_of(text):
    """Paragraphs (runs of non-blank lines) with their first line number."""
    out, cur, start = [], [], 0
    for n, line in enumerate(text.split('\n'), 1):
        if line.strip():
            if not cur:
                start = n
            cur.append(line)
        elif cur:
            out.append((start, cur))
            cur = []
    if cur:
        out.append((start, cur))
    return out


def inline_body(s):
    s = re.sub(r'~~(.+?)~~', r'{--\1--}', s)
    s = re.sub(r'\[([^\[\]]*)\]\(#\)', r'\1', s)      # link markup of the conversion
    s = s.replace('**', '')
    s = re.sub(r'<sup>(\d+)</sup>', r'[^\1]', s)
    return re.sub(r'[ \t]+', ' ', s).strip()


def inline_comment(s):
    s = re.sub(r'\[([^\[\]]*)\]\(#\)', r'\1', s)
    return re.sub(r'\s+', ' ', s).strip()


def ends_open(s):
    """True when a paragraph stops mid-sentence (page break or comment block inside it)."""
    t = re.sub(r'(?:~~|\*\*|\*|\s)+$', '', s)
    return not re.search(r'[.;:]$', t)


def continues(prev, nxt):
    """Does paragraph `nxt` carry on the sentence left open by `prev`?"""
    if is_heading(prev) or is_heading(nxt) or MARKER.match(nxt) or not ends_open(prev):
        return False
    # A preambular paragraph ends with a comma: only a lower-case start continues it.
    if re.sub(r'(?:~~|\*\*|\*|\s)+$', '', prev).endswith(','):
        return bool(re.match(r'[a-z]', nxt))
    return True


def split_units(lines):
    """Lines of one body paragraph -> units: a line starting with a marker opens a new unit,
    any other line continues the previous one (Word hard line break)."""
    units = []
    for line in lines:
        t = line.strip()
        t = re.sub(r'^-\s+', '', t)
        if units and not MARKER.match(t):
            units[-1] = units[-1].rstrip() + ' ' + t
        else:
            units.append(t)
    return units


def is_heading(u):
    return u.startswith('#') or bool(ARTICLE.match(u)) or u == '**Preamble**'


def convert(seed_text, log=print):
    lines = seed_text.split('\n')
    first = next(i for i, l in enumerate(lines) if l.strip() == '**Preamble**')
    body_text = '\n'.join(lines[first:])
    blocks = blocks_of(body_text)

    comments = collections.OrderedDict()   # label -> [paragraphs]
    footnotes = collections.OrderedDict()  # label -> text
    body = []                              # (seed line, [lines])
    used_cont = collections.Counter()
    last_kind, last_label = 'body', None
    for start, blines in blocks:
        raw = '\n'.join(blines)
        text = raw.strip()
        m = COMMENT_START.match(text)
        if m:
            last_kind, last_label = 'comment', m.group(1)
            assert last_label not in comments, last_label
            comments[last_label] = [m.group(2)]
            continue
        m = FOOTNOTE.match(text)
        if m:
            footnotes[m.group(1)] = m.group(2)
            last_kind = 'footnote'
            continue
        if last_kind == 'comment':
            cont = [p for p in COMMENT_CONTINUATIONS if text.startswith(p)]
            if cont:
                used_cont[cont[0]] += 1
                comments[last_label].append(text)
                continue
        last_kind = 'body'
        body.append((start + first, blines))
    for p in COMMENT_CONTINUATIONS:
        assert used_cont[p] == 1, ('continuation used %d times' % used_cont[p], p)

    # Units, rejoining paragraphs split by page breaks / comment blocks.
    units = []
    for start, blines in body:
        us = split_units(blines)
        if units and continues(units[-1], us[0]):
            prev = units[-1].rstrip()
            joiner = '' if re.search(r'\w-$', prev) else ' '
            log('join (seed line %d): ...%s | %s...' % (start, prev[-40:], us[0][:40]))
            units[-1] = prev + joiner + us[0]
            us = us[1:]
        units.extend(us)

    # Headings and inline markup.
    out = []
    i = 0
    while i < len(units):
        u = units[i]
        if u == '**Preamble**':
            out.append('# Preamble')
        elif CHAPTER.match(u):
            num, title = CHAPTER.match(u).groups()
            if not title:   # "## Chapter VII" / "### Technical assistance ..." split over two lines
                nxt = BARE_HEADING.match(units[i + 1])
                title = nxt.group(1)
                log('chapter %s: title taken from next line: %s' % (num, title))
                i += 1
            out.append('# Chapter %s. %s' % (num, inline_body(title)))
        elif ARTICLE.match(u):
            num, title = ARTICLE.match(u).groups()
            out.append('## Article %s. %s' % (num, inline_body(title)))
        elif u.startswith('#'):
            raise SystemExit('unexpected heading: ' + u)
        elif u == '*The States Parties to the present Convention,*':
            out.append('The States Parties to the present Convention,')
        else:
            out.append(inline_body(u))
        i += 1

    # Footnotes: after the last unit of the article that cites them.
    for label, text in footnotes.items():
        ref = '[^%s]' % label
        k = next(j for j, u in enumerate(out) if ref in u)
        j = k + 1
        while j < len(out) and not out[j].startswith('#'):
            j += 1
        out.insert(j, '%s: %s' % (ref, inline_comment(text)))

    doc = '\n\n'.join(out) + '\n'

    # Comments.
    assert [a[0] for a in ANCHORS] == list(comments), 'ANCHORS must list every comment in order'
    for label, anchor, context, nth in ANCHORS:
        ctx = context or anchor
        hits = [m.start() for m in re.finditer(re.escape(ctx), doc)]
        if nth is None:
            assert len(hits) == 1, (label, 'context found %d times' % len(hits), ctx)
            pos = hits[0]
        else:
            pos = hits[nth]
        inner = doc[pos:pos + len(ctx)]
        assert inner.count(anchor) == 1, (label, 'anchor not once in context')
        a = pos + inner.index(anchor)
        note = ' '.join(inline_comment(p) for p in comments[label])
        assert '<<}' not in note and '{' not in note, label
        tag = '{>>%s: %s<<}' % (label, note)
        if anchor.startswith('{--'):
            doc = doc[:a + len(anchor)] + tag + doc[a + len(anchor):]
        else:
            assert '[' not in anchor and '{' not in anchor, (label, 'anchor holds markup')
            doc = doc[:a] + '{==' + anchor + '==}' + tag + doc[a + len(anchor):]
    return FRONT_MATTER + '\n' + doc


# ---------------------------------------------------------------- checker

def strip_front_matter(text):
    if text.startswith('---\n'):
        end = text.index('\n---\n', 4)
        return text[end + 5:], text[:end + 5].count('\n')
    return text, 0


def check(path, seed_text=None):
    text = Path(path).read_text(encoding='utf-8')
    body, offset = strip_front_matter(text)
    line_of = lambda pos: offset + body.count('\n', 0, pos) + 1
    ok = True

    # CriticMarkup
    critic = collections.Counter()
    spans = []
    for m in re.finditer(r'\{(\+\+|--|~~|==|>>)(.*?)(\+\+|--|~~|==|<<)\}', body, re.S):
        kind = {'++': 'insert', '--': 'delete', '~~': 'substitute', '==': 'highlight', '>>': 'comment'}[m.group(1)]
        critic[kind] += 1
        spans.append((m.start(), m.end(), kind, m.group(2)))
    opens = len(re.findall(r'\{(?:\+\+|--|~~|==|>>)', body))
    if opens != sum(critic.values()):
        print('!! %d CriticMarkup openers but %d closed spans' % (opens, sum(critic.values())))
        ok = False
    labels = [re.match(r'(A\d+):', c).group(1) for s, e, k, c in spans if k == 'comment']
    comment_spans = [(s, e) for s, e, k, c in spans if k == 'comment']
    highlights = [(s, e, c) for s, e, k, c in spans if k == 'highlight']
    paired = sum(1 for s, e, c in highlights if body.startswith('{>>', e))
    nums = [int(l[1:]) for l in labels]
    print('comments: %d (labels A%d..A%d, %s, %s); highlights %d, of which %d carry a comment; '
          'comments without highlight: %d' % (
              len(labels), min(nums), max(nums),
              'all distinct' if len(set(nums)) == len(nums) else 'DUPLICATES',
              'in document order' if nums == sorted(nums) else 'NOT in order',
              len(highlights), paired, len(labels) - paired))
    missing = sorted(set(range(1, max(nums) + 1)) - set(nums))
    if missing:
        print('!! missing comment labels:', missing)
        ok = False
    for s, e, c in highlights:
        if '[' in c or ']' in c:
            print('!! highlight holds a bracket, line %d' % line_of(s))
    changes = critic['insert'] + critic['delete'] + critic['substitute']
    print('changes: %d (insertions %d, deletions %d, substitutions %d)' % (
        changes, critic['insert'], critic['delete'], critic['substitute']))

    # Brackets (outside comments, footnote labels excluded)
    masked = list(body)
    for s, e in comment_spans:
        for k in range(s, e):
            if masked[k] in '[]':
                masked[k] = ' '
    masked = ''.join(masked)
    masked = re.sub(r'\[\^[^\]\s]+\]', lambda m: ' ' * len(m.group(0)), masked)
    groups, stack, stray = [], [], []
    for k, ch in enumerate(masked):
        if ch == '[':
            stack.append(k)
        elif ch == ']':
            if stack:
                o = stack.pop()
                if not stack:
                    groups.append((o, k))
            else:
                stray.append(k)
    for k in stack:
        print('!! unclosed [ at line %d' % line_of(k))
    for k in stray:
        print('!! stray ] at line %d' % line_of(k))
    if stack or stray:
        ok = False
    else:
        print('brackets: balanced (%d top-level groups)' % len(groups))
    sets, cur = [], [groups[0]] if groups else []
    for g in groups[1:]:
        if masked[cur[-1][1] + 1:g[0]].strip() == '':
            cur.append(g)
        else:
            sets.append(cur)
            cur = [g]
    if cur:
        sets.append(cur)
    alt = [s for s in sets if len(s) > 1]
    lone = [s[0] for s in sets if len(s) == 1]

    def norm(g):
        t = re.sub(r'\s+', ' ', body[g[0] + 1:g[1]]).strip().lower()
        return re.sub(r'^(a|an) ', '', t)
    target = ('computer system', 'information and communications technology device')
    same = sum(1 for s in alt if tuple(norm(g) for g in s) == target)
    kinds = collections.Counter(' | '.join(norm(g) for g in s) for s in alt)
    print('alternative sets: %d (%d identical to [computer system] [information and communications '
          'technology device], up to case and a/an); sets spanning lines: %d' % (
              len(alt), same, sum(1 for s in alt if '\n' in body[s[0][0]:s[-1][1]])))
    for k, v in kinds.most_common():
        print('   %3d  %s' % (v, k))
    print('lone bracket groups (not sets): %d: %s' % (
        len(lone), ', '.join('%s (line %d)' % (body[o:c + 1], line_of(o)) for o, c in lone)))

    # Footnotes
    refs = re.findall(r'\[\^([^\]\s]+)\](?!:)', body)
    defs = re.findall(r'(?m)^\[\^([^\]\s]+)\]:', body)
    print('footnotes: %d references, %d definitions, %s' % (
        len(refs), len(defs), 'paired' if sorted(refs) == sorted(defs) else 'NOT PAIRED'))

    # Structure
    heads = re.findall(r'(?m)^(#+) (.*)$', body)
    chapters = [h for l, h in heads if h.lower().startswith('chapter')]
    articles = [h for l, h in heads if h.lower().startswith('article')]
    anums = [int(re.match(r'Article (\d+)', a).group(1)) for a in articles]
    print('headings: preamble %d, chapters %d (%s), articles %d (%s)' % (
        sum(1 for l, h in heads if h.lower().startswith('preamble')), len(chapters),
        ' '.join(h.split('.')[0].split()[1] for h in chapters), len(articles),
        'numbered 1..%d in sequence' % len(anums) if anums == list(range(1, len(anums) + 1)) else anums))
    paras = len(re.findall(r'(?m)^\d+\. ', body))
    subs = len(re.findall(r'(?m)^\([a-z]{1,2}\) ', body))
    pre = len(re.findall(r'(?m)^\(\d+\) ', body))
    print('units: %d numbered paragraphs, %d lines opening with (letter), %d numbered preambular paragraphs' % (
        paras, subs, pre))
    pending = re.findall(r'(?m)^\([a-z]\) “(\[[^”]*\])”;', body)
    print('pending definitions:', pending)

    # Faithfulness: the words of the treaty text, in order, against the seed.
    if seed_text is not None:
        seed_words = treaty_words_of_seed(seed_text)
        out_body = re.sub(r'\{>>.*?<<\}', ' ', body)
        out_body = re.sub(r'(?m)^\[\^\d+\]:.*$', ' ', out_body)
        out_body = re.sub(r'\[\^\d+\]', ' ', out_body)
        out_words = words(out_body)
        sm = difflib.SequenceMatcher(None, seed_words, out_words, autojunk=False)
        diffs = [op for op in sm.get_opcodes() if op[0] != 'equal']
        print('treaty words: seed %d, output %d, differences %d' % (len(seed_words), len(out_words), len(diffs)))
        for tag, a1, a2, b1, b2 in diffs:
            print('   %s seed %r -> output %r' % (tag, ' '.join(seed_words[a1:a2]), ' '.join(out_words[b1:b2])))
        if diffs:
            ok = False
        # comment texts and footnote: same words as the seed's comment paragraphs
        seed_all = collections.Counter(words(re.sub(r'Commented \[A\d+\]:|<sup>\d+</sup>|\]\(#\)', ' ', seed_text)))
        out_all = collections.Counter(words(re.sub(r'\{>>A\d+:|\[\^\d+\]:?', ' ', body)))
        cover = collections.Counter(words(seed_text.split('**Preamble**')[0]))
        delta = (seed_all - cover) - out_all, out_all - (seed_all - cover)
        print('all words incl. comments and footnote (cover block excluded): missing %s, extra %s' % (
            dict(delta[0]) or 'none', dict(delta[1]) or 'none'))
        if delta[0] or delta[1]:
            ok = False
    target = {'open sets': (len(alt), 111), 'identical pairs': (same, 44),
              'changes': (changes, 29), 'comments': (len(labels), 74)}
    print('issue figures (111 open sets, 44 identical pairs, 29 changes, 74 comments): ' + ', '.join(
        '%s %d %s' % (k, v, 'matches' if v == t else '!= %d' % t) for k, (v, t) in target.items()))
    print('OK' if ok else 'PROBLEMS FOUND')
    return ok


def words(s):
    s = re.sub(r'[*#~{}=<>+\-\[\]^]', ' ', s)
    return re.findall(r'[\w’\'/]+', s)


def treaty_words_of_seed(seed_text):
    """The seed's treaty text without cover, comments and footnote, independently of convert()."""
    lines = seed_text.split('\n')
    first = next(i for i, l in enumerate(lines) if l.strip() == '**Preamble**')
    kept, in_comment = [], False
    for start, bl in blocks_of('\n'.join(lines[first:])):
        t = '\n'.join(bl).strip()
        if COMMENT_START.match(t) or FOOTNOTE.match(t):
            in_comment = True
            continue
        if in_comment and any(t.startswith(p) for p in COMMENT_CONTINUATIONS):
            continue
        in_comment = False
        kept.append(t)
    s = '\n'.join(kept)
    s = re.sub(r'\]\(#\)', ']', s)
    s = re.sub(r'<sup>\d+</sup>', ' ', s)
    s = re.sub(r'(\w)-\s*\n\s*(\w)', r'\1-\2', s)   # "non-" / "governmental" across a page break
    return words(s)


def main(argv):
    # The seed lives outside the repository, wherever its reader keeps it: it is an argument.
    if not argv or argv[0].startswith('-'):
        sys.exit(__doc__)
    seed_text = Path(argv[0]).read_text(encoding='utf-8')
    argv = argv[1:]
    if argv and argv[0] == '--check':
        path = argv[1] if len(argv) > 1 else OUT
        sys.exit(0 if check(path, seed_text) else 1)
    quiet = '--quiet' in argv
    doc = convert(seed_text, log=(lambda *a: None) if quiet else print)
    # Article 59: the seed strikes out the whole of paragraph 2, number included; the
    # replacement paragraph takes its number. Keeping "2." outside the deletion would leave an
    # empty paragraph 2 in the clean copy and two paragraphs numbered 2.
    doc = doc.replace('\n2. {--Each State Party may adopt more strict', '\n{--2. Each State Party may adopt more strict')
    OUT.write_text(doc, encoding='utf-8')
    print('wrote', OUT)


if __name__ == '__main__':
    main(sys.argv[1:])
