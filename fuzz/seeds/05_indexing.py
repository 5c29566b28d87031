t = torch.arange(24).reshape(2, 3, 4)
t[0]
t[-1, 1:]
t[:, 0]
t[..., ::2]
t[None, 1, :, -1]
t[1][2][3]
t[:, 1:3, ::3].sum(dim=-1)
