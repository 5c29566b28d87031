# comment
x = (1 +
     2)
y = x if x else 3
