# Found by the program fuzz target: a chain of element-wise ops on an
# arange of 2**24 elements ran for seconds.
u = torch.arange(True, 2**22)
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u = (u >= -0.0) + 4096
u
