"""The provincial standard catalog (省级标准目录) and the national 一件事 list, in the public schema."""
