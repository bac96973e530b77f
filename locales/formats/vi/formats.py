"""Vietnamese numbers as the office writes them: 2.560.179 and 12,5.

Django's Vietnamese formats name the separators but leave the grouping
unset, so large figures came out as 2560179 even through `intcomma`.
"""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
