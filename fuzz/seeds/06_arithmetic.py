a = torch.tensor([[1., 2.], [3., 4.]])
b = torch.tensor([10, 20])
a + b
a - 1
a * b / 3
b // 3
b % 7
a ** 2
-a
(a > 2) == (b < 15)
2 ** 10 + 7 // 2 - 3 % 2
