"""Charts stage: matplotlib draws each chart; a recording renderer turns it into a DisplayList."""
