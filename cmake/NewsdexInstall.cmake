# newsdex_install_prefix_slot(<target>): after `cmake --install` copies <target>'s file, writes
# the prefix it went to into the file's prefix slot (cmake/relocate.pl), so an installed copy
# finds its model and gazetteers under <prefix>/share/newsdex whatever --prefix or DESTDIR says.
# Call it after the target's install(TARGETS) rule, for targets that contain libnewsdex's code.
find_program(NEWSDEX_PERL perl REQUIRED)
function(newsdex_install_prefix_slot target destination)
  install(CODE "
    get_filename_component(newsdex_prefix \"\${CMAKE_INSTALL_PREFIX}\" ABSOLUTE)
    set(newsdex_file \"\$ENV{DESTDIR}\${newsdex_prefix}/${destination}/$<TARGET_FILE_NAME:${target}>\")
    execute_process(COMMAND \"${NEWSDEX_PERL}\" \"${PROJECT_SOURCE_DIR}/cmake/relocate.pl\" \"\${newsdex_prefix}\"
                            \"\${newsdex_file}\" RESULT_VARIABLE newsdex_status)
    if(NOT newsdex_status EQUAL 0)
      message(FATAL_ERROR \"cannot write the install prefix into \${newsdex_file}\")
    endif()")
endfunction()
