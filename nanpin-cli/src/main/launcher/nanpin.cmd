@echo off
rem The nanpin command on Windows: runs nanpin.jar from this script's folder with JAVA_OPTS.
setlocal
if defined JAVA_HOME (set "NANPIN_JAVA=%JAVA_HOME%\bin\java") else (set "NANPIN_JAVA=java")
rem The serial collector with a small fixed young generation unless JAVA_OPTS chooses a collector or
rem a young size (resident memory flat over a long Monte Carlo run; see the nanpin script).
set "NANPIN_GC=-XX:+UseSerialGC -Xmn32m"
echo.%JAVA_OPTS% | findstr /r /c:"-XX:+Use.*GC" /c:"-Xmn" /c:"NewSize" >nul && set "NANPIN_GC="
rem nanpin.jsa, when the build wrote it: a class-data archive, ignored by the JVM when it does not match.
rem (goto, not a parenthesised block: a folder such as "Program Files (x86)" would end the block.)
if not exist "%~dp0nanpin.jsa" goto plain
"%NANPIN_JAVA%" "-XX:SharedArchiveFile=%~dp0nanpin.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off %NANPIN_GC% %JAVA_OPTS% -jar "%~dp0nanpin.jar" %*
exit /b %ERRORLEVEL%
:plain
"%NANPIN_JAVA%" %NANPIN_GC% %JAVA_OPTS% -jar "%~dp0nanpin.jar" %*
exit /b %ERRORLEVEL%
