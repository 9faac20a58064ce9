from monitor_pdf.cli import main

main()
