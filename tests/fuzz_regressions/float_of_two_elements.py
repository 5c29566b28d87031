float(torch.zeros(2))
