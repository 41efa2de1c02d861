"""Pure render functions: handbook model in, Markdown/HTML out. No MkDocs here."""
