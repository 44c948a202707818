#!/usr/bin/env python3
"""Doxygen input filter: Boreas' headers document their API in plain `//`
comments; this turns the ones Doxygen should see into Doxygen comments,
without touching the sources.

  * the header's first comment block (after `#pragma once`) describes the
    file: `/// @file`;
  * a comment block directly above a declaration at namespace, class or enum
    scope (no blank line in between) documents that declaration: `///`;
  * a comment after a declaration on the same line (`int ghost = 1;  // ...`,
    an enum value) documents it: `///<`.

Comments inside function bodies and blocks separated from the next line by a
blank line (section notes) stay plain comments. Characters Doxygen would
read as commands or HTML tags (`\\`, `@`, `<`, `>`, `&`, `#`, `%`) and the
`--` it would turn into a dash are escaped in converted comments, outside
back-quoted code spans, double-quoted strings and code blocks (Doxygen
copies those as they are).

Usage (Doxygen's INPUT_FILTER): doxygen_filter.py FILE, writes to stdout.
"""
import re
import sys

COMMENT = re.compile(r"^(\s*)//(?!/)\s?(.*)$")
TRAILING = re.compile(r"^(.*?[;,])(\s*)//(?!/)\s?(.*)$")
SCOPE_WORDS = re.compile(r"\b(namespace|class|struct|enum|union)\b")
# Doxygen commands and HTML tags, and -- / --- (which it turns into dashes).
SPECIAL = re.compile(r"([\\@<>&#%]|-{2,3})")


# Code spans and double-quoted strings, which Doxygen copies as they are.
VERBATIM = re.compile(r'(`[^`]*`|"[^"]*")')


def escape(text):
    """Escapes Doxygen's special characters outside code spans and quotes."""
    parts = VERBATIM.split(text)
    for n in range(0, len(parts), 2):  # even parts are outside
        parts[n] = SPECIAL.sub(r"\\\1", parts[n])
    return "".join(parts)


def convert_block(block, file_doc=False):
    """Doxygen comment lines for a block of `//` comment matches. A run of
    lines indented by two spaces or more after a blank comment line or a
    line ending in `:` is a code example or a table: a fenced code block."""
    texts = [b.group(2) for b in block]
    indent = block[0].group(1)
    out = [f"{indent}/// @file"] if file_doc else []
    n = 0
    while n < len(texts):
        after_break = n == 0 or not texts[n - 1].strip() or texts[n - 1].rstrip().endswith(":")
        if texts[n].startswith("  ") and after_break:
            end = n
            while end < len(texts) and texts[end].startswith("  "):
                end += 1
            if n > 0 and texts[n - 1].strip():
                out.append(f"{indent}///")  # a code block starts a paragraph
            out.append(f"{indent}/// ```")
            out.extend(f"{indent}/// {t}".rstrip() for t in texts[n:end])
            out.append(f"{indent}/// ```")
            n = end
        else:
            out.append(f"{indent}/// {escape(texts[n])}".rstrip())
            n += 1
    return out


def strip_code(line):
    """The line without its comment, string and character literals."""
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])*'", "''", line)
    return line.split("//", 1)[0]


def filter_lines(lines):
    out = []
    # Scope stack: True for namespace/class/struct/enum scopes (declarations
    # live there), False for function bodies and initializers.
    stack = []
    pending = ""  # code since the last ; { or } (decides what a { opens)
    file_doc_done = False
    seen_code = False
    n = 0
    while n < len(lines):
        line = lines[n]
        decl_scope = all(stack)
        m = COMMENT.match(line)
        if m:
            # A block of whole-line comments.
            block = []
            while n < len(lines) and COMMENT.match(lines[n]):
                block.append(COMMENT.match(lines[n]))
                n += 1
            following = lines[n] if n < len(lines) else ""
            if not file_doc_done and not seen_code:
                file_doc_done = True
                out.extend(convert_block(block, file_doc=True))
            elif decl_scope and following.strip() and not following.lstrip().startswith(("#", "}")):
                out.extend(convert_block(block))
            else:
                out.extend(b.string for b in block)
            continue
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            seen_code = True
        if stripped.startswith("#"):
            out.append(line)
            n += 1
            continue
        t = TRAILING.match(line)
        out_line = line
        # (An odd number of quotes before the // means it is inside a string.)
        if t and decl_scope and t.group(1).count('"') % 2 == 0:
            out_line = f"{t.group(1)}{t.group(2)}///< {escape(t.group(3))}".rstrip()
        # Track scopes through the code part of the line.
        for ch in strip_code(line):
            if ch == "{":
                # namespace/class/struct/enum heads have no parentheses;
                # function heads (templates say `class` too) do.
                stack.append(bool(SCOPE_WORDS.search(pending)) and "(" not in pending)
                pending = ""
            elif ch == "}":
                if stack:
                    stack.pop()
                pending = ""
            elif ch == ";":
                pending = ""
            else:
                pending += ch
        pending += " "
        out.append(out_line)
        n += 1
    return out


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    sys.stdout.write("\n".join(filter_lines(lines)))


if __name__ == "__main__":
    main()
