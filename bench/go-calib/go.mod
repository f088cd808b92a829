module gclabcalib

go 1.19
