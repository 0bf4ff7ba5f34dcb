#!/usr/bin/env python3
"""Helpers for translations/*.ts, used by scripts/update-translations.sh and the
`translations_current` test.

  translations.py fill-english FILE   give English plural forms to unfinished %n entries
  translations.py check FILE...       fail on unfinished, vanished or obsolete entries, and
                                      on translations that lose a %1, %n or &accelerator

The files are edited as text, keeping lupdate's own layout, so running lupdate again on
them changes nothing.
"""
import re
import sys

NUMERUS = re.compile(
    # Only what stands between one message's source and its own translation (a comment): a
    # lazy match across messages would pair a finished entry's source with the next
    # unfinished translation.
    r'(<message numerus="yes">\s*<source>)(?P<source>[^<]*)(</source>\s*(?:<comment>[^<]*</comment>\s*)?)'
    r'<translation type="unfinished">(?P<forms>.*?)</translation>',
    re.S)


def english_forms(source):
    """The singular and plural of a source string that marks its ending with "(s)" after %n."""
    count = source.find('%n')
    marker = source.find('(s)', count) if count >= 0 else -1
    if marker < 0:
        return source, source
    return source[:marker] + source[marker + 3:], source[:marker] + 's' + source[marker + 3:]


def fill_english(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()

    def fill(match):
        singular, plural = english_forms(match.group('source'))
        indent = '\n            '
        forms = (indent + '<numerusform>' + singular + '</numerusform>' + indent + '<numerusform>' + plural +
                 '</numerusform>\n        ')
        return match.group(1) + match.group('source') + match.group(3) + '<translation>' + forms + '</translation>'

    text = NUMERUS.sub(fill, text)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


PLACEHOLDER = re.compile(r'%(?:\d+|n)')
ACCELERATOR = re.compile(r'&(?!amp;|lt;|gt;|quot;|apos;)[^&\s]|&amp;(?!amp;)[^&\s]')


def placeholder_problem(source, forms):
    """Why a translation does not fit its source: a lost or added %1 or %n, or a lost &accelerator."""
    wanted = sorted(set(PLACEHOLDER.findall(source)))
    for form in forms:
        found = sorted(set(PLACEHOLDER.findall(form)))
        if found != wanted:
            return f'placeholders {found} instead of {wanted}'
        if ACCELERATOR.search(source) and not ACCELERATOR.search(form):
            return 'the &accelerator is lost'
    return None


def check(paths):
    bad = 0
    message = re.compile(r'<context>\s*<name>(.*?)</name>|<message[^>]*>\s*<source>(.*?)</source>'
                         r'.*?<translation( type="(unfinished|vanished|obsolete)")?>(.*?)</translation>', re.S)
    for path in paths:
        with open(path, encoding='utf-8') as f:
            text = f.read()
        context = ''
        for match in message.finditer(text):
            if match.group(1) is not None:
                context = match.group(1)
                continue
            forms = re.findall(r'<numerusform>(.*?)</numerusform>', match.group(5), re.S) or [match.group(5)]
            problem = match.group(4) or placeholder_problem(match.group(2), forms)
            if problem:
                print(f'{path}: {problem}: {context}: {match.group(2)}')
                bad += 1
    if bad:
        print(f'{bad} entries to translate or remove: run scripts/update-translations.sh, then translate '
              'the unfinished entries (Qt Linguist)')
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == 'fill-english':
        fill_english(argv[2])
        return 0
    if len(argv) >= 3 and argv[1] == 'check':
        return check(argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
