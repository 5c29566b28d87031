print(round(1234.5, -2), round(15, -1), round(25, -1), round(-1e20, -1), round(1e300, -400))
round(1e300)
