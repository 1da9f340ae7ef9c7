"""Templates for `kg synth` (benchmark corpora only): sentence frames and phrases per language."""
