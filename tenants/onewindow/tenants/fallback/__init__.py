"""办不成事 fallback (兜底) window: register, classify into tiers, assign (交办单), close only when
the applicant is satisfied, publish solved cases as a library (温岭 002 third mechanism)."""
