"""事项目录调整 (catalog change requests, 通许 004 第十二条): a domain of its own."""
