// placeholder: the benchmark comes next
print("pace-bench")
