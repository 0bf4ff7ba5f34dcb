#include "desktopapp.h"

int main(int argc, char *argv[])
{
    return App::runDesktop(argc, argv);
}
