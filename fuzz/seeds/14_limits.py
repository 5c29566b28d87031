t = torch.ones(2, 3)
u = t[None, ..., None]
u.unsqueeze(0).shapes = "a\x41\u00e9\n\101" "b"
len(s), s[1:3], str([t.sum(), 0.1]) * 2
v = t.reshape(-1, 3).view(6)[::2**32]
(-(-(1)) ** 2, not not [[[]]])
x = [0] * 4
x = x + x
len(str(x)), x == x[:], 3 in x
