"""Search over stored action items and page text: keyword (FTS) and semantic (embeddings) queries,
their fusion, snippets, the query lexicon and the search evaluation. Reads the store; the store's
own index maintenance (``store.fts``) does not import this package."""
