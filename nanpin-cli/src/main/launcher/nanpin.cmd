@echo off
rem The nanpin command on Windows: runs nanpin.jar from this script's folder with JAVA_OPTS.
setlocal
if defined JAVA_HOME (set "NANPIN_JAVA=%JAVA_HOME%\bin\java") else (set "NANPIN_JAVA=java")
"%NANPIN_JAVA%" %JAVA_OPTS% -jar "%~dp0nanpin.jar" %*
exit /b %ERRORLEVEL%
