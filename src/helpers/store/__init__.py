"""Where records live between stages: Parquet partitioned by report month, and the extraction cache."""
