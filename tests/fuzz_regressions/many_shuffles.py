a = torch.randperm(2**24)
b = torch.randperm(2**24)
print('the second was shuffled')
