module gclabbench

go 1.19
