"""Internal process templates (quy trình nội bộ) of procedures: imported by models.py."""
