"""Synthetic Standard Safeguarding Dataset (SSD) extract generator.

Simulates children's journeys through children's social care (referrals, assessments,
plans, care, care leaving) and the organisation that works them, and writes a landing
folder as described in the landing contract. Deterministic for a given seed.
"""

from csc.synth.generate import generate

__all__ = ["generate"]
