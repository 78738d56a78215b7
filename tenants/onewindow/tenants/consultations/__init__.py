"""首问负责: the first staff member asked answers for a consultation until it is handed on
(002 五(一); 004 第十五条; 003 二(二)4; 000 第五条)."""
