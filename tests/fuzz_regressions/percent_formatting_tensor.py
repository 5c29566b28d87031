'%s' % torch.tensor([1])
