"""synth: turn developer research into themes, persona cards, an ICP and a DevRel plan, locally."""

__version__ = "0.1.0"
