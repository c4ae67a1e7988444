# Project-wide compile flags: strict warnings, optional sanitizers.
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
                    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
                    -Wimplicit-fallthrough)
if(OPENCEIR_WERROR)
  add_compile_options(-Werror)
endif()
if(OPENCEIR_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
if(OPENCEIR_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
