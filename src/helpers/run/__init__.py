"""Running the stages: the local and Dask engines, the pipeline, the papermill runner and the notebooks' steps."""
