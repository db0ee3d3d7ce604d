"""Language layer for Hindi officialese: normalisation, sentences, tokens, numbers, dates."""
