module fbago

// Debian bookworm ships Go 1.19; nothing newer is used, and there are no dependencies.
go 1.19
