"""Renders Markdown as GitHub renders a job summary: cmark-gfm with GitHub's extensions and raw HTML let through.

Reads a JSON list of Markdown documents on stdin and writes the JSON list of their HTML on stdout, so that a test
renders all its documents in one Python process.
"""

import json
import re
import sys

import cmarkgfm
from cmarkgfm.cmark import Options

# The extensions GitHub turns on; UNSAFE keeps raw HTML (GitHub sanitises it afterwards, which is not in question
# here: the question is which markup the untrusted text could create before that).
EXTENSIONS = ["table", "autolink", "strikethrough", "tagfilter", "tasklist"]
OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_GITHUB_PRE_LANG


# A lone UTF-16 surrogate (half of a cut emoji) reaches GitHub as U+FFFD: Node writes it so into the summary file.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def main() -> None:
    documents = [LONE_SURROGATE.sub("\ufffd", doc) for doc in json.load(sys.stdin)]
    html = [
        cmarkgfm.markdown_to_html_with_extensions(doc, options=OPTIONS, extensions=EXTENSIONS)
        for doc in documents
    ]
    json.dump(html, sys.stdout)


if __name__ == "__main__":
    main()
