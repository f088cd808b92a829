module gclabmark

go 1.19
