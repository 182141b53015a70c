"""The articles behind a catalogue: quotes verified in them (`provenance`, `verify`,
`check`), and the dates they mention found, resolved and accounted for (`mentions`,
`resolution`, `coverage`)."""
