# Russian dates with the month in the genitive, as Django writes them, and a two-digit hour: "18 июля 2027 г., 10:00".
DATE_FORMAT = "j E Y г."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y г., H:i"
