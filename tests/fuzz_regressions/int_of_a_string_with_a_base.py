int('ff', 16)
