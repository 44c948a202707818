# Sphinx configuration of the Boreas documentation site.
#
# Built by the CMake target `docs` (cmake/BoreasDocs.cmake):
#   sphinx-build -W --keep-going -E -b html -c docs/site \
#       -D breathe_projects.boreas=build/<preset>/docs/doxygen/xml docs build/<preset>/docs/html
# The source folder is docs/ itself, so the Markdown pages there are the
# site's pages, unchanged and still read as they are on GitHub; this folder
# only holds what the site adds (the index, getting started, performance,
# the API reference). Every warning is an error, and a page of docs/ that no
# toctree lists is a warning: a new page must be added to index.md.
import os

project = "Boreas"
author = "the Boreas developers"
copyright = "the Boreas developers"
root_doc = "site/index"

extensions = ["myst_parser", "breathe"]
source_suffix = {".md": "markdown"}

# Cross-page links are relative .md links with GitHub's heading anchors
# (`io.md#restart`), which both GitHub and MyST resolve.
myst_heading_anchors = 4
# A bare `$` is shell (`$B`, `$SLURM_JOB_ID`), never math: no dollarmath.
myst_enable_extensions = []

# Breathe reads Doxygen's XML of the public headers; the target passes its
# folder with -D breathe_projects.boreas=...; by hand after a release build:
_root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
breathe_projects = {"boreas": os.path.join(_root, "build", "release", "docs", "doxygen", "xml")}
breathe_default_project = "boreas"
breathe_domain_by_extension = {"hpp": "cpp"}
# Classes show every public member, documented or not.
breathe_default_members = ("members", "undoc-members")
primary_domain = "cpp"
highlight_language = "none"
# Command-line options stay as written (`--init`, not an en dash) and
# quotes straight, as on GitHub.
smartquotes = False

html_theme = "sphinx_rtd_theme"
html_title = "Boreas"
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {"navigation_depth": 3, "collapse_navigation": False}
# site/index.html is the root page; this index.html at the top of the output
# sends a browser there.
html_extra_path = ["extra"]
