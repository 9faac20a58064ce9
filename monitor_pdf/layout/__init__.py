"""Layout stage (reportlab): measures every block and places it on the page grid."""
