"""Which words Debian's hunspell dictionaries know in lower case, for the generators
(tools/gen_gazetteers.py, tools/gen_given_names.py): a name that a dictionary accepts
written in lower case is also a common word (a proper name is only accepted with its
capital). Runs the hunspell program once per dictionary over all the words."""

import subprocess
import sys

CYRILLIC_DICTS = ("uk_UA", "ru_RU")


def lower_case_words(words, dicts=CYRILLIC_DICTS):
    """Of `words`, lower-cased, those that some dictionary of `dicts` accepts."""
    lower = sorted({w.lower() for w in words})
    known = set()
    for d in dicts:
        try:
            r = subprocess.run(["hunspell", "-d", d, "-l", "-i", "utf-8"], input="\n".join(lower),
                               capture_output=True, text=True, check=True)
        except (OSError, subprocess.CalledProcessError) as e:
            sys.exit("hunspell with the %s dictionary is needed (apt-get install hunspell "
                     "hunspell-uk hunspell-ru): %s" % (d, e))
        if "Can't open affix or dictionary" in r.stderr:
            sys.exit("hunspell: no %s dictionary (apt-get install hunspell-uk hunspell-ru)" % d)
        misspelled = set(r.stdout.split())
        known |= {w for w in lower if w not in misspelled}
    return known
