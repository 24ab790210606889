@echo off
rem The nanpin command on Windows: runs nanpin.jar from this script's folder with JAVA_OPTS.
setlocal
if defined JAVA_HOME (set "NANPIN_JAVA=%JAVA_HOME%\bin\java") else (set "NANPIN_JAVA=java")
rem nanpin.jsa, when the build wrote it: a class-data archive, ignored by the JVM when it does not match.
rem (goto, not a parenthesised block: a folder such as "Program Files (x86)" would end the block.)
if not exist "%~dp0nanpin.jsa" goto plain
"%NANPIN_JAVA%" "-XX:SharedArchiveFile=%~dp0nanpin.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off %JAVA_OPTS% -jar "%~dp0nanpin.jar" %*
exit /b %ERRORLEVEL%
:plain
"%NANPIN_JAVA%" %JAVA_OPTS% -jar "%~dp0nanpin.jar" %*
exit /b %ERRORLEVEL%
