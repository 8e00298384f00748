x = "caf\u00e9c \U0001F600b \u0045ditor"
