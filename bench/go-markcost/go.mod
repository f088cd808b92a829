module gclabmarkcost

go 1.19
