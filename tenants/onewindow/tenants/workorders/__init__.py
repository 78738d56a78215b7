"""差评 work orders (national 好差评 rules, DOMAIN §8): callback, classification, rectification,
the reviewer's one follow-up rating, archive."""
