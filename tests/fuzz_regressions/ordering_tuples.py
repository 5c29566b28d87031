torch.zeros(1).shape >= (1,)
