"""Discovery: spiders that find article URLs and hand each page to extraction."""
