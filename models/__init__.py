"""Lexicons, gazetteers and trained model files, with the code that loads them."""
